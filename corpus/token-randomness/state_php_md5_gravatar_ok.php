<?php

function gravatar_url(string $email, int $size = 80): string
{
    // ok: token-randomness
    $hash = md5(strtolower(trim($email)));
    return "https://www.gravatar.com/avatar/{$hash}?s={$size}&d=identicon";
}
