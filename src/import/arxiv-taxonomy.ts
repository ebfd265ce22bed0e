/**
 * arXiv's subject taxonomy as topics: a category (`cs.CL`) under its archive (`cs`, Computer Science).
 * Shared by every source that files papers under arXiv categories (arXiv metadata, profile pages).
 */
import type { TopicRecord } from './records.js';

/** Archive names, as arXiv's category taxonomy page gives them. */
const ARCHIVES: Record<string, string> = {
  cs: 'Computer Science',
  math: 'Mathematics',
  stat: 'Statistics',
  physics: 'Physics',
  'q-bio': 'Quantitative Biology',
  'q-fin': 'Quantitative Finance',
  econ: 'Economics',
  eess: 'Electrical Engineering and Systems Science',
  'astro-ph': 'Astrophysics',
  'cond-mat': 'Condensed Matter',
  'gr-qc': 'General Relativity and Quantum Cosmology',
  'hep-ex': 'High Energy Physics - Experiment',
  'hep-lat': 'High Energy Physics - Lattice',
  'hep-ph': 'High Energy Physics - Phenomenology',
  'hep-th': 'High Energy Physics - Theory',
  'math-ph': 'Mathematical Physics',
  nlin: 'Nonlinear Sciences',
  'nucl-ex': 'Nuclear Experiment',
  'nucl-th': 'Nuclear Theory',
  'quant-ph': 'Quantum Physics',
  'cmp-lg': 'Computation and Language (legacy)',
};

/** Names of the common subject classes; any other category keeps its code as its name. */
const CATEGORIES: Record<string, string> = {
  'cs.AI': 'Artificial Intelligence',
  'cs.CC': 'Computational Complexity',
  'cs.CL': 'Computation and Language',
  'cs.CR': 'Cryptography and Security',
  'cs.CV': 'Computer Vision and Pattern Recognition',
  'cs.CY': 'Computers and Society',
  'cs.DB': 'Databases',
  'cs.DC': 'Distributed, Parallel, and Cluster Computing',
  'cs.DS': 'Data Structures and Algorithms',
  'cs.GT': 'Computer Science and Game Theory',
  'cs.HC': 'Human-Computer Interaction',
  'cs.IR': 'Information Retrieval',
  'cs.IT': 'Information Theory',
  'cs.LG': 'Machine Learning',
  'cs.LO': 'Logic in Computer Science',
  'cs.MA': 'Multiagent Systems',
  'cs.NE': 'Neural and Evolutionary Computing',
  'cs.NI': 'Networking and Internet Architecture',
  'cs.PL': 'Programming Languages',
  'cs.RO': 'Robotics',
  'cs.SD': 'Sound',
  'cs.SE': 'Software Engineering',
  'cs.SI': 'Social and Information Networks',
  'stat.ML': 'Machine Learning',
  'stat.ME': 'Methodology',
  'math.OC': 'Optimization and Control',
  'math.PR': 'Probability',
  'eess.AS': 'Audio and Speech Processing',
  'eess.IV': 'Image and Video Processing',
  'eess.SP': 'Signal Processing',
};

/** The topic of an arXiv category; a category without a dot (legacy `hep-th`) is an archive, a root. */
export function arxivTopic(category: string): TopicRecord {
  const dot = category.indexOf('.');
  if (dot < 0) return { code: category, name: ARCHIVES[category] ?? category };
  const archive = category.slice(0, dot);
  return {
    code: category,
    name: CATEGORIES[category] ?? category,
    parent: { code: archive, name: ARCHIVES[archive] ?? archive },
  };
}
