<?php

function make_remember_token(): string
{
    return bin2hex(random_bytes(32));
}
