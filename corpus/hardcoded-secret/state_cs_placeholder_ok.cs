namespace Contoso.Config;

public class SmtpOptions
{
    public string Host { get; set; } = "localhost";
    // ok: hardcoded-secret
    public string Password { get; set; } = string.Empty;
}
