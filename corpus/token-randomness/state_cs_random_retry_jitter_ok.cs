using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace Acme.Clients
{
    public class ResilientClient
    {
        private readonly HttpClient _http;
        private readonly Random _jitter = new Random();

        public ResilientClient(HttpClient http) => _http = http;

        public async Task<HttpResponseMessage> GetAsync(string url)
        {
            for (var attempt = 0; ; attempt++)
            {
                var response = await _http.GetAsync(url);
                if ((int)response.StatusCode < 500 || attempt == 4)
                {
                    return response;
                }
                // ok: token-randomness
                var delay = TimeSpan.FromMilliseconds(Math.Pow(2, attempt) * 200 + _jitter.Next(0, 250));
                await Task.Delay(delay);
            }
        }
    }
}
