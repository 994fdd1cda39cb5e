using System.Security.Cryptography;

namespace Contoso.Webhooks;

public static class Compare
{
    public static bool Same(byte[] a, byte[] b) => CryptographicOperations.FixedTimeEquals(a, b);
}
