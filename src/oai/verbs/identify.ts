import { xmlText, XSI_NAMESPACE } from '../../formats/xml.js';
import { oaiIdentifier } from '../../model/identifiers.js';
import { earliestHarvestDatestamp } from '../../services/harvest-service.js';
import type { VerbContext } from '../context.js';
import { formatDatestamp } from '../datestamps.js';
import { response } from '../xml-writer.js';

const OAI_IDENTIFIER_NAMESPACE = 'http://www.openarchives.org/OAI/2.0/oai-identifier';

export async function identify({ services, response: context, echo }: VerbContext): Promise<string> {
  const { oai } = services.config;
  const earliest = (await earliestHarvestDatestamp(services)) ?? context.responseDate.toISOString();
  return response(context, echo, 'Identify', (identify) => {
    identify.ele('repositoryName').txt(xmlText(oai.repositoryName));
    identify.ele('baseURL').txt(context.baseUrl);
    identify.ele('protocolVersion').txt('2.0');
    identify.ele('adminEmail').txt(xmlText(oai.adminEmail));
    identify.ele('earliestDatestamp').txt(formatDatestamp(earliest));
    identify.ele('deletedRecord').txt('persistent');
    identify.ele('granularity').txt('YYYY-MM-DDThh:mm:ssZ');
    identify.ele('compression').txt('gzip');
    identify.ele('compression').txt('deflate');
    const description = identify
      .ele('description')
      .ele(OAI_IDENTIFIER_NAMESPACE, 'oai-identifier')
      .att(XSI_NAMESPACE, 'xsi:schemaLocation', `${OAI_IDENTIFIER_NAMESPACE} http://www.openarchives.org/OAI/2.0/oai-identifier.xsd`);
    description.ele('scheme').txt('oai');
    description.ele('repositoryIdentifier').txt(oai.repositoryIdentifier);
    description.ele('delimiter').txt(':');
    description.ele('sampleIdentifier').txt(oaiIdentifier(oai.repositoryIdentifier, `${services.config.accessionPrefix}0000001`));
  });
}
