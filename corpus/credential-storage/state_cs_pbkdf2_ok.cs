using System.Security.Cryptography;

namespace Contoso.Accounts;

public static class Pbkdf2Passwords
{
    public static (byte[] Salt, byte[] Hash) Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        // ok: credential-storage
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA256, 32);
        return (salt, hash);
    }
}
