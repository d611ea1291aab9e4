using System.Reflection;
using nanoFramework.TestFramework;

namespace AwsIotDevice.UnitTestLauncher;

/// <summary>
/// Discovers the cases of a nanoFramework test assembly in the order the nanoFramework UnitTestLauncher runs them:
/// for each [TestClass], its [Setup] methods, then its [TestMethod]s, then its [DataRow] rows, then its [Cleanup]s.
/// Setup and Cleanup of a class are one case each, so their failures show under their own name.
/// </summary>
public static class NfTestCatalog
{
    public static readonly Assembly TestAssembly = Assembly.Load("NFUnitTest");

    private static readonly Lazy<IReadOnlyList<NfTestCase>> Cases = new(() => Discover(TestAssembly));
    private static readonly Lazy<Dictionary<string, int>> IndexById = new(
        () => Cases.Value.Select((c, i) => (c.Id, i)).ToDictionary(p => p.Id, p => p.i));

    public static IReadOnlyList<NfTestCase> All => Cases.Value;

    public static NfTestCase Find(string id) =>
        IndexById.Value.TryGetValue(id, out int index)
            ? Cases.Value[index]
            : throw new InvalidOperationException($"No nanoFramework test named '{id}' (was it renamed? rebuild).");

    /// <summary>Position in launcher order; unknown ids sort last.</summary>
    public static int OrderOf(string id) => IndexById.Value.TryGetValue(id, out int index) ? index : int.MaxValue;

    public static IReadOnlyList<NfTestCase> Discover(Assembly assembly)
    {
        var cases = new List<NfTestCase>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (Type type in assembly.GetTypes().Where(t => t.IsClass && t.IsDefined(typeof(TestClassAttribute), true)))
        {
            MethodInfo[] methods = type.GetMethods();
            string className = type.FullName ?? type.Name;
            if (methods.Any(m => m.IsDefined(typeof(SetupAttribute), true)))
            {
                cases.Add(new NfTestCase(Unique(ids, $"{className}.[Setup]"), type, NfStep.Setup, null, null));
            }

            foreach (MethodInfo method in methods.Where(m => m.IsDefined(typeof(TestMethodAttribute), true)))
            {
                cases.Add(new NfTestCase(Unique(ids, $"{className}.{method.Name}"), type, NfStep.Test, method, null));
            }

            foreach (MethodInfo method in methods)
            {
                foreach (DataRowAttribute row in method.GetCustomAttributes<DataRowAttribute>(true))
                {
                    string id = $"{className}.{method.Name} - (params: {string.Join(" | ", row.MethodParameters)})";
                    cases.Add(new NfTestCase(Unique(ids, id), type, NfStep.Test, method, row.MethodParameters));
                }
            }

            if (methods.Any(m => m.IsDefined(typeof(CleanupAttribute), true)))
            {
                cases.Add(new NfTestCase(Unique(ids, $"{className}.[Cleanup]"), type, NfStep.Cleanup, null, null));
            }
        }

        return cases;
    }

    // Two DataRows with the same arguments are still two cases.
    private static string Unique(HashSet<string> ids, string id)
    {
        string candidate = id;
        for (int n = 2; !ids.Add(candidate); n++)
        {
            candidate = $"{id} #{n}";
        }

        return candidate;
    }
}
