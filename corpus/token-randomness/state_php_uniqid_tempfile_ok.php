<?php

namespace App\Upload;

class TempStore
{
    public function stash(string $contents): string
    {
        // ok: token-randomness
        $path = sys_get_temp_dir() . '/' . uniqid('upload_', true) . '.bin';
        file_put_contents($path, $contents);
        return $path;
    }
}
