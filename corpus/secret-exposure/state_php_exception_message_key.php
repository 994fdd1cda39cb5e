<?php

namespace App\Services;

class S3Uploader
{
    public function __construct(private string $accessKey, private string $secretKey) {}

    public function assertConfigured(): void
    {
        if (strlen($this->secretKey) !== 40) {
            // expect: secret-exposure
            throw new \RuntimeException("invalid AWS secret key {$this->secretKey}");
        }
    }
}
