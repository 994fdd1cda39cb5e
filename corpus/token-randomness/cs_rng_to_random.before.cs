using System.Security.Cryptography;

namespace Contoso.Auth;

public static class OtpGenerator
{
    public static string SixDigits()
        => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6");
}
