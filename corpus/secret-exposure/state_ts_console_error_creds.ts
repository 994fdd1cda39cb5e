export async function connectSmtp(user: string, pass: string) {
  try {
    await transport.verify();
  } catch (err) {
    // expect: secret-exposure
    console.error(`SMTP login failed for ${user}:${pass}`, err);
    throw err;
  }
}
