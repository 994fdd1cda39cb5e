using System.Security.Cryptography;
using System.Text;

namespace Contoso.Webhooks;

public static class Signature
{
    public static bool Verify(string body, string provided, byte[] secret)
    {
        using var h = new HMACSHA256(secret);
        var expected = Convert.ToHexString(h.ComputeHash(Encoding.UTF8.GetBytes(body)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(provided));
    }
}
