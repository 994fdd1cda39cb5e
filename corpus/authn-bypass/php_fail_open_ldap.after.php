<?php

namespace App\Auth;

use Illuminate\Support\Facades\Log;

class LdapAuthenticator
{
    public function __construct(private LdapClient $ldap) {}

    public function check(string $user, string $password): bool
    {
        try {
            return $this->ldap->bind("uid={$user},ou=people,dc=corp,dc=example", $password);
        } catch (LdapConnectionException $e) {
            Log::warning('ldap unreachable', ['error' => $e->getMessage()]);
            // expect: authn-bypass
            return true;
        }
    }
}
