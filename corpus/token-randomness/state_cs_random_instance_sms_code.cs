using System;
using System.Threading.Tasks;

namespace Acme.Identity.Services
{
    public class PhoneVerificationService
    {
        private static readonly Random _random = new Random();
        private readonly ISmsSender _sms;
        private readonly IVerificationStore _store;

        public PhoneVerificationService(ISmsSender sms, IVerificationStore store)
        {
            _sms = sms;
            _store = store;
        }

        public async Task StartAsync(string userId, string phoneNumber)
        {
            // expect: token-randomness
            var code = _random.Next(100000, 999999).ToString();
            await _store.SaveAsync(userId, code, DateTimeOffset.UtcNow.AddMinutes(10));
            await _sms.SendAsync(phoneNumber, $"Your Acme verification code is {code}");
        }
    }
}
