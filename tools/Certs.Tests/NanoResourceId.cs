namespace AwsIotDevice.Certs.Tests;

/// <summary>
/// The id nanoFramework's resource generator gives a resource name (ProcessResourceFiles.GenerateIdFromResourceName in
/// nanoframework/nf-Visual-Studio-extension, Tools.BuildTasks). The generated *.Designer.cs enum must use these values:
/// the runtime looks resources up by id, so a wrong value means a null certificate on the device.
/// </summary>
public static class NanoResourceId
{
    public static short For(string name)
    {
        unchecked
        {
            int hash1 = (5381 << 16) + 5381;
            int hash2 = hash1;

            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (i % 2 == 0)
                {
                    hash1 = ((hash1 << 5) + hash1) ^ c;
                }
                else
                {
                    hash2 = ((hash2 << 5) + hash2) ^ c;
                }
            }

            int hash = hash1 + (hash2 * 1566083941);
            return (short)((short)(hash >> 16) ^ (short)hash);
        }
    }
}
