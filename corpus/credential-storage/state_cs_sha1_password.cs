using System.Security.Cryptography;
using System.Text;

namespace Contoso.Legacy;

public static class Passwords
{
    public static string Hash(string password)
    {
        // expect: credential-storage
        using var sha = SHA1.Create();
        return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(password)));
    }
}
