<?php

namespace App\Auth;

use Lcobucci\JWT\Configuration;
use Lcobucci\JWT\Validation\Constraint\IssuedBy;
use Lcobucci\JWT\Validation\Constraint\SignedWith;
use Lcobucci\JWT\Validation\Constraint\StrictValidAt;

final class JwtGuard
{
    public function __construct(private Configuration $config, private \Lcobucci\Clock\Clock $clock) {}

    public function user(string $jwt): string
    {
        $token = $this->config->parser()->parse($jwt);
        // expect: token-verification
        $this->config->validator()->assert($token, new IssuedBy('https://id.example.com'));
        return $token->claims()->get('sub');
    }
}
