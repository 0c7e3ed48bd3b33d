// The sign-in form takes a whole login link as well as a bare token.
(() => {
  const form = document.getElementById('sign-in');
  form?.addEventListener('submit', () => {
    const input = form.elements.token;
    try {
      const token = new URL(input.value.trim()).searchParams.get('token');
      if (token) input.value = token;
    } catch {
      input.value = input.value.trim();
    }
  });
})();
