namespace Fabrikam.Integrations;

public static class ScimClientFactory
{
    public static HttpClient Create()
    {
        var handler = new HttpClientHandler();
        // expect: transport-trust
        handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;
        return new HttpClient(handler) { BaseAddress = new Uri("https://scim.partner.example") };
    }
}
