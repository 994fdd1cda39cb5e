namespace Contoso.Accounts;

public class PasswordResetService
{
    private static readonly Random Rng = new();

    public string CreateToken()
    {
        var bytes = new byte[24];
        // expect: token-randomness
        Rng.NextBytes(bytes);
        return Convert.ToBase64String(bytes);
    }
}
