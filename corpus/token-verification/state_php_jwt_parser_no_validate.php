<?php

namespace App\Auth;

use Lcobucci\JWT\Encoding\JoseEncoder;
use Lcobucci\JWT\Token\Parser;

final class TokenUser
{
    public function id(string $jwt): string
    {
        $parser = new Parser(new JoseEncoder());
        // expect: token-verification
        $token = $parser->parse($jwt);
        return $token->claims()->get('sub');
    }
}
