using System.Net.Security;

namespace Fabrikam.Integrations;

public static class PinnedClient
{
    private const string Thumbprint = "3B1EFD3A66EA28B16697394703A72CA340A05BD5";

    private static bool Pinned(System.Security.Cryptography.X509Certificates.X509Certificate2? cert, SslPolicyErrors errors) =>
        errors == SslPolicyErrors.None && cert?.Thumbprint == Thumbprint;

    public static HttpClient Create() => new(new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = (_, cert, _, errors) => Pinned(cert, errors),
    });
}
