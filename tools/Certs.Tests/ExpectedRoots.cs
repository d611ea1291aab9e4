namespace AwsIotDevice.Certs.Tests;

/// <summary>What each embedded root must be. Fingerprints are not repeated here: certs/README.md is their one home.</summary>
public static class ExpectedRoots
{
    public static TheoryData<string, string, string, string> All => new()
    {
        // file, subject CN, key algorithm OID, NotAfter (UTC, ISO 8601)
        { "AmazonRootCA1.pem", "Amazon Root CA 1", "1.2.840.113549.1.1.1", "2038-01-17T00:00:00Z" },
        { "AmazonRootCA3.pem", "Amazon Root CA 3", "1.2.840.10045.2.1", "2040-05-26T00:00:00Z" },
    };

    public static readonly string[] Files = ["AmazonRootCA1.pem", "AmazonRootCA3.pem"];
}
