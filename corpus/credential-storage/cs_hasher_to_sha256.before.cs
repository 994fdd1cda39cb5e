using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace Contoso.Accounts;

public class AccountService
{
    private readonly IPasswordHasher<Account> _hasher = new PasswordHasher<Account>();

    public void SetPassword(Account account, string password)
    {
        account.PasswordHash = _hasher.HashPassword(account, password);
    }
}
