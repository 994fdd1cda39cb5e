using System.Security.Cryptography;

namespace Contoso.Auth;

public static class OtpGenerator
{
    public static string SixDigits()
        // expect: token-randomness
        => new Random().Next(0, 1_000_000).ToString("D6");
}
