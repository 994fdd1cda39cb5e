<?php

namespace App\Actions;

use App\Models\User;

class IssueCliToken
{
    public function __invoke(User $user): string
    {
        return $user->createToken('cli', ['deploy:read'])->plainTextToken;
    }
}
