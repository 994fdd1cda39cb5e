using System.Net.Security;

namespace Fabrikam.Integrations;

public static class PinnedClient
{
    private const string Thumbprint = "3B1EFD3A66EA28B16697394703A72CA340A05BD5";

    public static HttpClient Create() => new(new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = (_, cert, _, errors) => errors == SslPolicyErrors.None && cert?.Thumbprint == Thumbprint,
    });
}
