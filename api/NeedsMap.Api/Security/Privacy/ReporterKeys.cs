using System.Security.Cryptography;
using System.Text;

namespace NeedsMap.Api.Security.Privacy;

/// <summary>The reporter key of a signed-in resident: their needs are the ones carrying it.</summary>
public static class ReporterKeys
{
    public static string ForSubject(string subject) =>
        "r:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("needsmap-resident:" + subject)))[..40].ToLowerInvariant();
}
