using AwsIotDevice.Iotctl;

// Composition only: the command tree lives in IotctlApp and Commands/.
return IotctlApp.Run(args, Console.In, Console.Out, Console.Error);
