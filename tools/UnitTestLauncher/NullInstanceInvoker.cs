using System.Reflection;
using System.Reflection.Emit;

namespace AwsIotDevice.UnitTestLauncher;

/// <summary>
/// Calls a test method the way nanoFramework's launcher does: <c>method.Invoke(null, args)</c>, i.e. with a
/// null <c>this</c> even for instance methods. .NET reflection refuses that, so the call is emitted as IL;
/// a test that touches instance state then fails here with a NullReferenceException, as it would on the device.
/// </summary>
public static class NullInstanceInvoker
{
    public static void Invoke(MethodInfo method, object[]? arguments)
    {
        ParameterInfo[] parameters = method.GetParameters();
        object[] args = arguments ?? [];
        CheckArguments(method, parameters, args);

        var dynamicMethod = new DynamicMethod($"nf_{method.Name}", typeof(void), [typeof(object[])], method.Module, skipVisibility: true);
        ILGenerator il = dynamicMethod.GetILGenerator();
        if (!method.IsStatic)
        {
            il.Emit(OpCodes.Ldnull);
        }

        for (int i = 0; i < parameters.Length; i++)
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Ldelem_Ref);
            il.Emit(OpCodes.Unbox_Any, parameters[i].ParameterType);
        }

        il.Emit(OpCodes.Call, method);
        if (method.ReturnType != typeof(void))
        {
            il.Emit(OpCodes.Pop);
        }

        il.Emit(OpCodes.Ret);
        var call = dynamicMethod.CreateDelegate<Action<object[]>>();
        call(args);
    }

    // nanoFramework passes DataRow values as they are; no int-to-long widening. Demanding exact types here
    // keeps a row that would break on the device from passing on the host.
    private static void CheckArguments(MethodInfo method, ParameterInfo[] parameters, object[] args)
    {
        if (parameters.Length != args.Length)
        {
            throw new InvalidOperationException(
                $"{method.Name} takes {parameters.Length} parameter(s) but its DataRow gives {args.Length}.");
        }

        for (int i = 0; i < args.Length; i++)
        {
            Type expected = parameters[i].ParameterType;
            object? value = args[i];
            bool fits = value is null ? !expected.IsValueType : expected.IsInstanceOfType(value) && (!expected.IsValueType || value.GetType() == expected);
            if (!fits)
            {
                throw new InvalidOperationException(
                    $"{method.Name}: DataRow argument {i} is {value?.GetType().Name ?? "null"} but parameter '{parameters[i].Name}' is {expected.Name}; " +
                    "nanoFramework does not convert DataRow values, so write the literal in the parameter's type (e.g. 5L, 1.5f, (byte)3).");
            }
        }
    }
}
