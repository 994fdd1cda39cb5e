using System.Security.Cryptography;

namespace Contoso.Webhooks;

public static class Compare
{
    // Constant-time: do not replace with == or SequenceEqual.
    public static bool Same(byte[] a, byte[] b) => CryptographicOperations.FixedTimeEquals(a, b);
}
