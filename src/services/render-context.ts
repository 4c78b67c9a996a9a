import type { RenderContext } from '../formats/format.js';
import type { ServiceContext } from './context.js';

/** What the renderers know of the repository, now. */
export function renderContext(services: ServiceContext): RenderContext {
  const { config } = services;
  return { baseUrl: config.baseUrl, repositoryName: config.oai.repositoryName, oaiRepositoryIdentifier: config.oai.repositoryIdentifier, now: services.now() };
}
