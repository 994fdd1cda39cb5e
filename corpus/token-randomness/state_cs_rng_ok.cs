using System.Security.Cryptography;

namespace Contoso.Accounts;

public static class ApiKeys
{
    // ok: token-randomness
    public static string Create() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
}
