using System;
using System.Security.Cryptography;

namespace Acme.Identity
{
    public static class RecoveryCodes
    {
        public static string NewCode()
        {
            // expect: token-randomness
            var bytes = RandomNumberGenerator.GetBytes(5);
            return Convert.ToHexString(bytes).ToLowerInvariant();
        }
    }
}
