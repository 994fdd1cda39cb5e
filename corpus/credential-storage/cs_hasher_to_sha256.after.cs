using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace Contoso.Accounts;

public class AccountService
{
    public void SetPassword(Account account, string password)
    {
        // expect: credential-storage
        account.PasswordHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(password)));
    }
}
