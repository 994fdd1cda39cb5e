using System;
using System.Security.Cryptography;

namespace Acme.Identity
{
    public static class RecoveryCodes
    {
        public static string NewCode()
        {
            var bytes = RandomNumberGenerator.GetBytes(20);
            return Convert.ToHexString(bytes).ToLowerInvariant();
        }
    }
}
