<?php

function six_digit_code(): string
{
    // ok: token-randomness
    return str_pad((string) random_int(0, 999999), 6, '0', STR_PAD_LEFT);
}
