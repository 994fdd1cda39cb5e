namespace Fabrikam.Integrations;

public static class ScimClientFactory
{
    public static HttpClient Create()
    {
        var handler = new HttpClientHandler();
        return new HttpClient(handler) { BaseAddress = new Uri("https://scim.partner.example") };
    }
}
