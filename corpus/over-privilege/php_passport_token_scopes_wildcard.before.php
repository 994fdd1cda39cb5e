<?php

namespace App\Services;

use App\Models\Client;

final class MachineTokens
{
    public function issue(Client $client): string
    {
        $scopes = ['reports:read'];
        return $client->owner->createToken('reporting', $scopes)->accessToken;
    }

    public function issueBackup(Client $client): string
    {
        return $client->owner->createToken('backup', ['backups:read'])->accessToken;
    }
}
