<?php

namespace App\Actions;

use App\Models\User;

class IssueCliToken
{
    public function __invoke(User $user): string
    {
        // expect: over-privilege
        return $user->createToken('cli', ['*'])->plainTextToken;
    }
}
