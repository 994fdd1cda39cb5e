<?php

function make_remember_token(): string
{
    // expect: token-randomness
    return md5(uniqid((string) mt_rand(), true));
}
