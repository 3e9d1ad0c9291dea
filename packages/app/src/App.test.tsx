import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  const originalEnv = process.env;

  afterEach(() => {
    process.env = originalEnv;
  });

  it('renders the sign-in page with the app title', async () => {
    process.env = {
      ...originalEnv,
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Fleet test app' },
            backend: { baseUrl: 'http://localhost:7007' },
            techdocs: {
              storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
            },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    // guest sign-in is what every user meets first (app-config.yaml: auth.providers.guest)
    expect(
      await screen.findByText('Fleet test app', {}, { timeout: 20_000 }),
    ).toBeInTheDocument();
  }, 60_000);
});
