using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Fabrikam.Integrations;

public static class PinnedClient
{
    private const string Thumbprint = "3B1EFD3A66EA28B16697394703A72CA340A05BD5";

    public static HttpClient Create()
    {
        var handler = new HttpClientHandler
        {
            // ok: transport-trust
            ServerCertificateCustomValidationCallback = (_, cert, _, errors) =>
                errors == SslPolicyErrors.None && cert?.Thumbprint == Thumbprint,
        };
        return new HttpClient(handler);
    }
}
