using System.Collections;
using System.Runtime.CompilerServices;

namespace nanoFramework.TestFramework;

/// <summary>Assertions on non-generic collections, as in nanoFramework.TestFramework 3.0.</summary>
public static class CollectionAssert
{
    public static void Empty(ICollection collection, [CallerArgumentExpression(nameof(collection))] string message = "")
    {
        if (collection is null || collection.Count != 0)
        {
            Assert.Fail("CollectionAssert.Empty", $"Collection has {collection?.Count.ToString() ?? "no"} elements. {message}");
        }
    }

    public static void NotEmpty(ICollection collection, [CallerArgumentExpression(nameof(collection))] string message = "")
    {
        if (collection is null || collection.Count == 0)
        {
            Assert.Fail("CollectionAssert.NotEmpty", $"Collection is empty. {message}");
        }
    }

    public static void AreEqual(ICollection expected, ICollection actual, [CallerArgumentExpression(nameof(actual))] string message = "")
    {
        string? difference = FindDifference(expected, actual);
        if (difference is not null)
        {
            Assert.Fail("CollectionAssert.AreEqual", $"{difference} {message}");
        }
    }

    public static void AreNotEqual(ICollection notExpected, ICollection actual, [CallerArgumentExpression(nameof(actual))] string message = "")
    {
        if (FindDifference(notExpected, actual) is null)
        {
            Assert.Fail("CollectionAssert.AreNotEqual", $"Collections are equal. {message}");
        }
    }

    // Element-wise, in order, by object.Equals: what nanoFramework's CollectionAssert compares.
    private static string? FindDifference(ICollection expected, ICollection actual)
    {
        if (ReferenceEquals(expected, actual))
        {
            return null;
        }

        if (expected is null || actual is null)
        {
            return "One collection is null.";
        }

        if (expected.Count != actual.Count)
        {
            return $"Different number of elements: expected {expected.Count}, actual {actual.Count}.";
        }

        IEnumerator e = expected.GetEnumerator();
        IEnumerator a = actual.GetEnumerator();
        for (int index = 0; e.MoveNext() && a.MoveNext(); index++)
        {
            if (!Equals(e.Current, a.Current))
            {
                return $"Element at index {index} do not match: expected <{Assert.Show(e.Current)}>, actual <{Assert.Show(a.Current)}>.";
            }
        }

        return null;
    }
}
