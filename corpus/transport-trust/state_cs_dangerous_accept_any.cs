namespace Fabrikam.Integrations;

public static class HrisClient
{
    public static HttpClient Create(string baseUrl)
    {
        var handler = new HttpClientHandler
        {
            // expect: transport-trust
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        };
        return new HttpClient(handler) { BaseAddress = new Uri(baseUrl) };
    }
}
