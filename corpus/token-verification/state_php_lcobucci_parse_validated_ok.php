<?php

use Lcobucci\JWT\Configuration;
use Lcobucci\JWT\Validation\Constraint\SignedWith;

final class Tokens
{
    public function __construct(private Configuration $config) {}

    public function subject(string $jwt): string
    {
        // ok: jwt-verification-disabled
        $token = $this->config->parser()->parse($jwt);
        $this->config->validator()->assert($token, new SignedWith($this->config->signer(), $this->config->verificationKey()));
        return $token->claims()->get('sub');
    }
}
