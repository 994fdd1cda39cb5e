<?php
session_start();

if (empty($_SESSION['csrf'])) {
    // expect: token-randomness
    $_SESSION['csrf'] = md5((string) mt_rand());
}
?>
<form method="post" action="/profile">
    <input type="hidden" name="csrf" value="<?= htmlspecialchars($_SESSION['csrf']) ?>">
    <input type="text" name="display_name">
    <button type="submit">Save</button>
</form>
