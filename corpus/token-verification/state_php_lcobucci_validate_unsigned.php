<?php

use Lcobucci\JWT\Validation\Constraint\IssuedBy;
use Lcobucci\JWT\Validation\Constraint\LooseValidAt;
use Lcobucci\JWT\Validation\Constraint\SignedWith;
use Lcobucci\JWT\Validation\Validator;

final class ApiTokenCheck
{
    public function __construct(private Validator $validator, private $clock, private $signer, private $key) {}

    public function accepts($token): bool
    {
        // expect: jwt-verification-disabled
        return $this->validator->validate($token, new IssuedBy('https://id.example.org'), new LooseValidAt($this->clock));
    }

    public function acceptsSigned($token): bool
    {
        // ok: jwt-verification-disabled
        return $this->validator->validate($token, new SignedWith($this->signer, $this->key), new LooseValidAt($this->clock));
    }
}
