using Microsoft.Extensions.Logging;

namespace Contoso.Startup;

public static class ConfigReport
{
    public static void Log(ILogger log, IConfiguration cfg)
    {
        // ok: secret-exposure
        log.LogInformation("OIDC client secret configured: {Configured}", !string.IsNullOrEmpty(cfg["Oidc:ClientSecret"]));
    }
}
