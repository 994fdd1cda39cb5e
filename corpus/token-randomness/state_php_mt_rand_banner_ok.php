<?php

function pick_banner(array $banners): array
{
    $total = array_sum(array_column($banners, 'weight'));
    // ok: token-randomness
    $roll = mt_rand(1, $total);
    foreach ($banners as $banner) {
        $roll -= $banner['weight'];
        if ($roll <= 0) {
            return $banner;
        }
    }
    return end($banners);
}
