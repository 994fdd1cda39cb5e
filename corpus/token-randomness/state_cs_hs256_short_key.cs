using System;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Acme.Api.Auth
{
    public class TokenFactory
    {
        // expect: hardcoded-secret
        private const string SigningKey = "acme-dev-key-2024";

        public string Create(string userId)
        {
            var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey));
            // expect: token-randomness
            var creds = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
            var token = new JwtSecurityToken(
                issuer: "acme",
                audience: "acme-api",
                claims: new[] { new Claim(ClaimTypes.NameIdentifier, userId) },
                expires: DateTime.UtcNow.AddMinutes(30),
                signingCredentials: creds);
            return new JwtSecurityTokenHandler().WriteToken(token);
        }
    }
}
