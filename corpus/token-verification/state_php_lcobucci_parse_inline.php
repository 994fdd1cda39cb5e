<?php

use Lcobucci\JWT\Encoding\JoseEncoder;
use Lcobucci\JWT\Token\Parser;

function tenantFromHeader(string $header): string
{
    // expect: jwt-verification-disabled
    $token = (new Parser(new JoseEncoder()))->parse(substr($header, 7));
    return $token->claims()->get('tenant');
}
