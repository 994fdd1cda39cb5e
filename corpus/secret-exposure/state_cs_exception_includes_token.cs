namespace Contoso.Integrations;

public class GraphClient
{
    private readonly HttpClient _http;
    public GraphClient(HttpClient http) => _http = http;

    public async Task<string> MeAsync(string accessToken)
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, "https://graph.example.com/v1.0/me");
        req.Headers.Authorization = new("Bearer", accessToken);
        var res = await _http.SendAsync(req);
        if (!res.IsSuccessStatusCode)
            // expect: secret-exposure
            throw new InvalidOperationException($"Graph call failed ({res.StatusCode}) with token {accessToken}");
        return await res.Content.ReadAsStringAsync();
    }
}
